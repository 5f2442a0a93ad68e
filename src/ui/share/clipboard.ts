/** The clipboard may be missing (http, headless) or hang on a permission prompt: give up after this. */
const CLIPBOARD_TIMEOUT_MS = 1500;

/** Copies text; false when the clipboard is unavailable (the caller then selects it for a manual copy). */
export async function copyText(text: string): Promise<boolean> {
  if (!navigator.clipboard?.writeText) return false;
  try {
    return await Promise.race([
      navigator.clipboard.writeText(text).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CLIPBOARD_TIMEOUT_MS)),
    ]);
  } catch {
    return false;
  }
}
