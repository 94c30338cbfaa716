// Reading QR codes: the camera (getUserMedia) drawn onto a canvas and decoded with jsQR, or a
// photo. Loaded only when someone scans (a dynamic import): jsQR is most of its weight.
import jsQRModule from 'jsqr';

type Decode = typeof jsQRModule;
// jsQR is a CommonJS bundle whose default export sits on `.default` once more, or not,
// depending on the interop in use.
const jsQR: Decode =
  (jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode);

/** Frames are scaled down to this many pixels on their longer side before decoding. */
const FRAME_MAX = 800;
const PHOTO_MAX = 1600;
const FRAME_INTERVAL_MS = 200;

function pixels(
  source: CanvasImageSource,
  width: number,
  height: number,
  max: number,
): ImageData | undefined {
  const scale = Math.min(1, max / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const ht = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = ht;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(source, 0, 0, w, ht);
  return ctx.getImageData(0, 0, w, ht);
}

function decode(
  img: ImageData | undefined,
  attempts: 'dontInvert' | 'attemptBoth',
): string | undefined {
  if (!img) return undefined;
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: attempts });
  return code?.data || undefined;
}

/** The text of the QR code in a photo, if one can be read. */
export async function decodePhoto(file: Blob): Promise<string | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return undefined; // not an image the browser can read
  }
  try {
    return decode(pixels(bitmap, bitmap.width, bitmap.height, PHOTO_MAX), 'attemptBoth');
  } finally {
    bitmap.close();
  }
}

/**
 * Shows the camera in `video` and calls `onCode` with the first QR code it reads, then stops.
 * Resolves false (camera off) when there is no camera or permission is refused. Aborting
 * `signal` stops the camera.
 */
export async function startCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
  signal: AbortSignal,
): Promise<boolean> {
  if (!navigator.mediaDevices?.getUserMedia) return false;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch {
    return false;
  }
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  if (signal.aborted) {
    stop();
    return true;
  }
  signal.addEventListener('abort', stop, { once: true });
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    stop();
    return false;
  }
  const tick = () => {
    if (signal.aborted) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const text = decode(
        pixels(video, video.videoWidth, video.videoHeight, FRAME_MAX),
        'dontInvert',
      );
      if (text !== undefined) {
        stop();
        onCode(text);
        return;
      }
    }
    setTimeout(tick, FRAME_INTERVAL_MS);
  };
  tick();
  return true;
}
