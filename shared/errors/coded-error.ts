// An error local to one module (not crossing the socket): a stable code for programs, a sentence for people.
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
