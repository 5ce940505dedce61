// mediasoup's failures, read once at the media boundary. Its worker answers a request for
// something it no longer has with a plain Error whose only content is a reason string
// ("…not found", "…closed"), and Node-side state misuse with an InvalidStateError: both
// mean "what this request was for is gone". Past this file they are one typed error.
export class MediaGoneError extends Error {
  override name = 'MediaGoneError';
}

export function isGone(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof TypeError) return false;
  return error.name === 'InvalidStateError' || /not found|closed/i.test(error.message);
}

/** Rethrows a mediasoup failure as MediaGoneError when it is one; anything else as it is. */
export function fromMediasoup(error: unknown): never {
  if (isGone(error)) throw new MediaGoneError((error as Error).message);
  throw error;
}
