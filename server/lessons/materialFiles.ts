// What teachers may attach, and where the bytes go. Pure checks plus path building; the
// HTTP edge streams the upload.
import { extname, join } from 'node:path';

/** Office documents, PDF, images, audio/video clips and plain text: what 导学单 and 课件 are. */
export const allowedTypes: Record<string, readonly string[]> = {
  '.pdf': ['application/pdf'],
  '.doc': ['application/msword'],
  '.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  '.ppt': ['application/vnd.ms-powerpoint'],
  '.pptx': ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  '.xls': ['application/vnd.ms-excel'],
  '.xlsx': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  '.png': ['image/png'],
  '.jpg': ['image/jpeg'],
  '.jpeg': ['image/jpeg'],
  '.mp4': ['video/mp4'],
  '.mp3': ['audio/mpeg'],
  '.txt': ['text/plain'],
};

/** The type a file is served with, or undefined if it may not be attached. */
export function acceptedMimeType(fileName: string, declared: string): string | undefined {
  const types = allowedTypes[extname(fileName).toLowerCase()];
  if (!types) return undefined;
  // Browsers send octet-stream for types they do not know; trust the extension then.
  if (declared === 'application/octet-stream' || types.includes(declared)) return types[0];
  return undefined;
}

/** Material ids are server-made uuids: the path never contains user text. */
export function materialPath(dataDir: string, id: string): string {
  if (!/^[a-z0-9-]+$/.test(id)) throw new TypeError('material id must be a server-made id');
  return join(dataDir, 'materials', id);
}

/** Keeps the name readable (Chinese included) but never a path. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c !== '"').join('');
  return clean.slice(0, 200) || 'file';
}
