/** A dropped file with its path below what was dropped ("pets/cat/1.png" when a folder "pets" is dropped). */
export interface DroppedFile {
  path: string;
  file: File;
}

/** Reads every file of a drop, walking dropped folders (FileSystemEntry API; Chromium, Firefox, Safari). */
export async function droppedFiles(items: DataTransferItemList, limit: number): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    // Stop walking once past the limit: the import refuses the drop anyway, and says so.
    if (out.length > limit) return;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: prefix + entry.name, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the entries in chunks until an empty one.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (chunk.length === 0) break;
        for (const child of chunk) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = Array.from(items, (item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  for (const entry of entries) await walk(entry, '');
  return out;
}
