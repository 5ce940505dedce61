/** `?token=…` in a URL (a teacher's or coordinator's link) becomes `?token=[redacted]`. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}
