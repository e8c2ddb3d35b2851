/** Errors shaped like OfficeExtension.Error: a `code` our Excel layer turns into a user message. */
export type EmulatorErrorCode =
  | "PropertyNotLoaded"
  | "InvalidArgument"
  | "InvalidOperation"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidReference"
  | "AccessDenied"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RangeExceedsLimit"
  | "NotEmulated"
  | "GeneralException";

export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;
  readonly debugInfo: { code: EmulatorErrorCode; message: string; errorLocation?: string };
  constructor(code: EmulatorErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function notEmulated(member: string): EmulatorError {
  return new EmulatorError("NotEmulated", `not emulated: ${member}`, member);
}
