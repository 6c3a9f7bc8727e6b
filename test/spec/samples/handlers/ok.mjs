export async function handler(event) { return event; }
