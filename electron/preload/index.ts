import { contextBridge, ipcRenderer } from 'electron';
import type { StationBridge } from '../contract/channels';

// The renderer's only door to the station: one invoke, checked and dispatched in main.
const bridge: StationBridge = {
  invoke: (channel, input) => ipcRenderer.invoke('station:invoke', channel, input),
};

contextBridge.exposeInMainWorld('station', bridge);
