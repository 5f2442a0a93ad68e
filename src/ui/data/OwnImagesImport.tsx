import { useState, type DragEvent } from 'react';
import { OWN_LIMITS, OWN_SIDES, type OwnSide } from '../../core/data/ownImages';
import { importOwnDropped, importOwnFiles, importOwnZip, type OwnImageSettings } from '../../state/datasets/actions';
import { droppedFiles } from './droppedFiles';
import { FilePickButton } from './FilePickButton';

const MB = 1024 * 1024;
const LIMITS_TEXT =
  `Up to ${OWN_LIMITS.files.toLocaleString('en')} files and ${OWN_LIMITS.totalBytes / MB} MB in all (a zip: unpacked, checked before unpacking), ` +
  `${OWN_LIMITS.fileBytes / MB} MB per image. Sub-folder names become the class labels (none: unlabelled). Any format this browser shows; ` +
  'each image is centre-cropped to a square and resized. Files that do not decode are skipped and listed. The images stay in this browser (IndexedDB).';

/** Your own images: resolution and colour, then a folder, a zip, or a drop. */
export function OwnImagesImport({ disabled }: { disabled: boolean }) {
  const [settings, setSettings] = useState<OwnImageSettings>({ side: 32, channels: 3 });
  const [over, setOver] = useState(false);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 1 && files[0].name.toLowerCase().endsWith('.zip')) return importOwnZip(files[0], settings);
    return importOwnDropped(await droppedFiles(e.dataTransfer.items, OWN_LIMITS.files), settings);
  };

  return (
    <div
      className={`own-images${over ? ' own-images--over' : ''}`}
      data-testid="own-images"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <div className="controls__pair">
        <div>
          <label className="field-label" htmlFor="own-side">
            Resolution
          </label>
          <select id="own-side" data-testid="own-side" value={settings.side} disabled={disabled} onChange={(e) => setSettings({ ...settings, side: Number(e.target.value) as OwnSide })}>
            {OWN_SIDES.map((s) => (
              <option key={s} value={s}>
                {s}×{s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor="own-colour">
            Colour
          </label>
          <select id="own-colour" data-testid="own-colour" value={settings.channels} disabled={disabled} onChange={(e) => setSettings({ ...settings, channels: Number(e.target.value) === 1 ? 1 : 3 })}>
            <option value={3}>RGB</option>
            <option value={1}>grey</option>
          </select>
        </div>
      </div>
      <FilePickButton label="Folder of images…" testId="import-folder" directory disabled={disabled} help="" onFiles={(files) => void importOwnFiles(files, settings)} />
      <FilePickButton label="Zip of images…" testId="import-zip" accept=".zip,application/zip" disabled={disabled} help="" onFiles={(files) => void importOwnZip(files[0], settings)} />
      <small className="knob__help">Or drop a folder, images or a zip here. {LIMITS_TEXT}</small>
    </div>
  );
}
