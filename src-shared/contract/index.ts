export * from './entities.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './methods.ts';
export * from './bridge.ts';
export * from './client.ts';
