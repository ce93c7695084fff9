// Scenarios as the shells see them: the paper's default of an environment, and a scenario file read and
// validated (defaults filled in). `vecwb scenario` prints these; the API's scenario.* methods use the same parser.
export { checkScenarioFile, defaultScenario, loadScenarioFile } from '../experiments/scenarios';
