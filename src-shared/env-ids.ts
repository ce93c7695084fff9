// The environments (one per paper) by id: the one list the schemas, the CLI's --env choices and the API's
// app.info read. No imports, so a command's --help can use it without loading zod.
export const envIds = ['vec-dnn', 'isac-dt'] as const;
