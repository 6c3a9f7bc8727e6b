// Test handler: always throws a typed error.
class WidgetError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WidgetError';
  }
}
export async function handler() {
  throw new WidgetError('the widget broke');
}
