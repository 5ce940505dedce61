// Every test file that touches mediasoup finds the cached worker, as the server does.
import '../../server/media/workerBinary';
