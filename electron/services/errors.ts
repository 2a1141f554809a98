import type { ErrorCode } from '../contract/channels';

/** An error the officer should read: code for the transports, Vietnamese message for the screen. */
export class StationError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'StationError';
  }
}

export function rejected(message: string): StationError {
  return new StationError('rejected', message);
}
