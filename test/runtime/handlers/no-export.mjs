// Test module without a handler export.
export const notAHandler = 1;
