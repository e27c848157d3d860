import { pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * The zip plumbing shared by the file guard and the xlsx reader: yauzl reads the central directory from the
 * buffer, and each entry is inflated here in 256 KB steps (yauzl's own stream inflates 16 KB at a time through
 * two more streams, which made a pass over a 100,000-row sheet several times slower). Callers turn errors into
 * their own problems (a corrupt file).
 */
export function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
}

/** The next entry of a zip opened with lazyEntries, or null at the end. */
export function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Every entry of the zip, in the order of its central directory. */
export async function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const all: yauzl.Entry[] = [];
  for (let e = await nextEntry(zip); e; e = await nextEntry(zip)) all.push(e);
  return all;
}

/** One entry's content, inflated as a stream of chunks up to 256 KB. */
export async function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  const deflated = entry.compressionMethod === 8;
  const raw = await zip.openReadStreamPromise(entry, deflated ? { decompress: false } : {});
  // pipeline, not pipe: an error or a destroy on either side reaches the other (a truncated entry is corrupt).
  return deflated ? pipeline(raw, createInflateRaw({ chunkSize: 256 * 1024 }), () => {}) : raw;
}
