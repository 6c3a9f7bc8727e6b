// Test handler: breaks the contract in the way the event asks for.
export async function handler(event) {
  if (event.mode === 'throw') throw new Error('boom');
  if (event.mode === 'nan') return { value: Number.NaN };
  if (event.mode === 'undefined') return undefined;
  if (event.mode === 'date') return { at: new Date(0) };
  if (event.mode === 'mutate') {
    event.shared.push('mutated');
    return 'ok';
  }
  return event;
}
