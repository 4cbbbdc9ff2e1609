// Cameras, microphones and speakers: opening them with understandable errors, listing them,
// remembering the user's choice, a level meter and a speaker test.
export { acquireMedia, stopStream, CAMERA_CONSTRAINTS, MICROPHONE_CONSTRAINTS } from './acquire';
export type { AcquiredMedia, MediaRequest } from './acquire';
export { classifyMediaError } from './errors';
export type { DeviceErrorKind } from './errors';
export { canChooseSpeaker, groupDevices, listDevices, useDeviceLists } from './list';
export type { DeviceLists, DeviceOption } from './list';
export { levelFromSamples, useAudioLevel } from './level';
export { loadDevicePreferences, saveDevicePreferences } from './preferences';
export type { DevicePreferences } from './preferences';
export { playTestSound } from './testSound';
