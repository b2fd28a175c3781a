// Validation before READY and SIGNED: the preflight, and the checks it uses (shares, Israeli IDs).
export * from './israeli-id.ts';
export * from './preflight.ts';
export * from './shares.ts';
