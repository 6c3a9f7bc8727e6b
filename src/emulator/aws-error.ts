// Errors in the shapes the AWS SDK v3 parses. Lambda speaks restJson1: the
// error name in the `x-amzn-ErrorType` header, `{"Type","Message"}` in the
// body (TooManyRequestsException uses a lower-case `message`, plus `Reason`
// and a `Retry-After` header). CloudWatch Logs speaks awsJson1.1: HTTP 400 and
// `{"__type","message"}`. One class carries both; each route renders its own.

export class AwsApiError extends Error {
  override name = 'AwsApiError';
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    /** Extra body members (Reason, Type overrides). */
    readonly members: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const lambdaErrors = {
  functionNotFound: (arn: string) => new AwsApiError('ResourceNotFoundException', 404, `Function not found: ${arn}`),
  versionNotFound: (arn: string) => new AwsApiError('ResourceNotFoundException', 404, `Function not found: ${arn}`),
  routeNotFound: (method: string, path: string) => new AwsApiError('UnknownOperationException', 404, `The dagc emulator does not implement ${method} ${path}`),
  alreadyExists: (name: string) => new AwsApiError('ResourceConflictException', 409, `Function already exist: ${name}`),
  invalidParameter: (message: string) => new AwsApiError('InvalidParameterValueException', 400, message),
  invalidRequestContent: (message: string) => new AwsApiError('InvalidRequestContentException', 400, message),
  requestTooLarge: (limitBytes: number) => new AwsApiError('RequestTooLargeException', 413, `Request must be smaller than ${limitBytes} bytes for the InvokeFunction operation`),
  notReady: (state: string) =>
    new AwsApiError('ResourceConflictException', 409, `The operation cannot be performed at this time. The function is currently in the following state: ${state}`),
  updateInProgress: (arn: string) =>
    new AwsApiError('ResourceConflictException', 409, `The operation cannot be performed at this time. An update is in progress for resource: ${arn}`),
  throttled: (reason: 'ConcurrentInvocationLimitExceeded' | 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'CallerRateLimitExceeded') =>
    new AwsApiError('TooManyRequestsException', 429, 'Rate Exceeded.', { Reason: reason }, { 'Retry-After': '1' }),
  serviceError: () => new AwsApiError('ServiceException', 500, 'The Lambda service encountered an internal error (injected by the dagc emulator).', { Type: 'Service' }),
};

export const logsErrors = {
  groupNotFound: () => new AwsApiError('ResourceNotFoundException', 400, 'The specified log group does not exist.'),
  invalidParameter: (message: string) => new AwsApiError('InvalidParameterException', 400, message),
  unknownOperation: (target: string) => new AwsApiError('UnknownOperationException', 400, `The dagc emulator does not implement ${target}`),
};

/** restJson1 rendering (Lambda). */
export function lambdaErrorBody(error: AwsApiError): Record<string, string> {
  const messageKey = error.code === 'TooManyRequestsException' ? 'message' : 'Message';
  return { Type: 'User', ...error.members, [messageKey]: error.message };
}

/** awsJson1.1 rendering (CloudWatch Logs). */
export function logsErrorBody(error: AwsApiError): Record<string, string> {
  return { __type: error.code, message: error.message, ...error.members };
}
