import type { MethodName, MethodOutput, ParsedInput } from '../../src-shared/contract/methods.ts';
import type { CoreContext } from './context.ts';

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: CoreContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** A feature's handlers: a slice of the contract. createCore checks that together they cover all of it. */
export type HandlerMap<M extends MethodName = MethodName> = { [K in M]: Handler<K> };
