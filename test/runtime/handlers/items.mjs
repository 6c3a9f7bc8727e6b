// Test handler: turns { n } into { items: [0..n-1], n } for a map to fan out over.
export async function handler(event) {
  return { n: event.n, items: Array.from({ length: event.n }, (_, i) => i * 10) };
}
