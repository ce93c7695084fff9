// Public surface of the client API contract.
export * from './common';
export * from './contract';
export * from './experiments';
export * from './exports';
export * from './models';
export * from './runs';
export * from './scenarios';
export * from './ui-state';
export * from './wire';
export * from './client';
export * from './figure-runs';
