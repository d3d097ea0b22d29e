export interface CameraInfo {
  deviceId: string;
  label: string;
}

/** Opens the chosen camera, or the rear one; 1280×720 keeps small codes readable without slowing the decoder much. */
export function openCamera(deviceId?: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
  });
}

/** Cameras the attendant can choose from (labels appear once permission is granted). */
export async function listCameras(): Promise<CameraInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

/** Whether the track advertises a torch; many front cameras and webcams do not. */
export function hasTorch(track: MediaStreamTrack): boolean {
  const caps = track.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
  return caps?.torch === true;
}

/** Switches the torch; false when the camera refused the constraint (the toggle is then hidden). */
export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<boolean> {
  try {
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    return true;
  } catch {
    return false;
  }
}

/** Stops every track so the camera light goes off. */
export function closeCamera(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}
