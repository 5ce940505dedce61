// mediasoup reads MEDIASOUP_WORKER_BIN once, when its module loads. Import this module
// before anything that imports mediasoup so the server finds the cached worker binary
// (built by infra/bootstrap.mjs) without anyone exporting a variable by hand.
import { locateWorkerBin } from '../../infra/mediasoup-worker/locate.mjs';

const found = locateWorkerBin();
if (found) process.env.MEDIASOUP_WORKER_BIN = found;

export const workerBinary = found ?? 'bundled with the mediasoup package';
