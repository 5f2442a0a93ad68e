import { useId, useRef } from 'react';

interface Props {
  label: string;
  testId: string;
  help: string;
  accept?: string;
  multiple?: boolean;
  /** Pick a whole folder (webkitdirectory: every file below it, with relative paths). */
  directory?: boolean;
  disabled: boolean;
  onFiles(files: File[]): void;
}

/** A button that opens the file chooser; the hidden input is what tests and assistive tech drive. */
export function FilePickButton({ label, testId, help, accept, multiple, directory, disabled, onFiles }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const folder = directory ? { webkitdirectory: '', directory: '' } : {};
  return (
    <div className="file-pick">
      <button type="button" className="button" disabled={disabled} onClick={() => input.current?.click()} aria-describedby={help ? `${id}-help` : undefined}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid={testId}
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        {...folder}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared, so picking the same files again fires change again.
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      {help && (
        <small id={`${id}-help`} className="knob__help">
          {help}
        </small>
      )}
    </div>
  );
}
