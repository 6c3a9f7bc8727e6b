// Test handler: returns what it was given, and which step it ran for.
export async function handler(event, context) {
  return { event, stepId: context.stepId, itemIndex: context.itemIndex ?? null };
}
