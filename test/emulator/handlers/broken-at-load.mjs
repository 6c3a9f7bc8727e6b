// Test handler: fails while its module loads (the init phase).
console.log('loading, about to fail');
throw new RangeError('configuration is missing');
