// A typed client over a CoreBridge: `await api.call('valuations.list', { status: ['DRAFT'] })`
// returns the method's typed output or throws ApiError with the core's code and message.
import type { CoreBridge } from './bridge.ts';
import type { AppErrorShape, ErrorCode } from './errors.ts';
import type { MethodInput, MethodName, MethodOutput } from './methods.ts';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

export function createApiClient(bridge: CoreBridge) {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await bridge.invoke(method, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as MethodOutput<M>;
    },
    on: bridge.on.bind(bridge) as CoreBridge['on'],
    platform: bridge.platform,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
