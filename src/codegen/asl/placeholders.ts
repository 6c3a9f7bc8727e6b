// References from the ASL to resources the SAM template creates, as
// DefinitionSubstitutions placeholders (CONTRACT-22: the template fills each
// one with the resource's ARN). The ASL never names a bucket or an account.
import { logicalId } from '../names.ts';

export function lambdaArnPlaceholder(lambdaKey: string): string {
  return `\${${logicalId('Fn', lambdaKey)}Arn}`;
}

export function batchJobDefinitionPlaceholder(functionName: string): string {
  return `\${${logicalId('Job', functionName)}Arn}`;
}

export const BATCH_JOB_QUEUE_PLACEHOLDER = '${BatchJobQueueArn}';
