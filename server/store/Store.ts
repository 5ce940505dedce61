/**
 * The persistence port. Each capability adds its repository here (timetable, lessons,
 * research); both backends implement every repository and run the same contract tests.
 */
export type StoreKind = 'sqlite' | 'redis';

export interface Store {
  readonly kind: StoreKind;
  close(): Promise<void>;
}
