// A text field as a browser keeps one, without a DOM, for the minutes binding's tests.
import type { TextField } from '../../client/research/textBinding';

export class FakeTextField implements TextField {
  #value = '';
  selectionStart = 0;
  selectionEnd = 0;

  get value(): string {
    return this.#value;
  }

  /** As in a browser: assigning the value puts the caret at its end. */
  set value(v: string) {
    this.#value = v;
    this.selectionStart = this.selectionEnd = v.length;
  }

  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }

  /** What a key press does: replace the selection by `s`, caret after it. */
  typeIn(s: string): void {
    const { selectionStart: a, selectionEnd: b } = this;
    this.#value = this.#value.slice(0, a) + s + this.#value.slice(b);
    this.selectionStart = this.selectionEnd = a + s.length;
  }

  backspace(): void {
    const a = this.selectionStart;
    this.#value = this.#value.slice(0, a - 1) + this.#value.slice(a);
    this.selectionStart = this.selectionEnd = a - 1;
  }
}
