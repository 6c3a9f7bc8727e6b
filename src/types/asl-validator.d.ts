// asl-validator ships no types. Only what dagc calls: the default export
// validates a definition (and mutates it: it adds QueryLanguage to states).
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
    path?: string;
  }
  interface AslValidatorOptions {
    checkPaths?: boolean;
    checkArn?: boolean;
  }
  function aslValidator(definition: unknown, options?: AslValidatorOptions): { isValid: boolean; errors: AslValidationError[]; errorsText: (separator?: string) => string };
  export default aslValidator;
}
