/**
 * The load generator's own process (spawned by load-child.ts), so the server never shares an event
 * loop with its client. Reads options as JSON from argv[2]; prints one JSON LoadReport on stdout.
 */
import { NewFrameRecorder } from './live-latency.ts';
import type { LoadReport, LoadRequest } from './load-child.ts';
import { runLoad } from './smtp-load-client.ts';

const request = JSON.parse(process.argv[2] ?? '{}') as LoadRequest;
const recorder = request.eventsUrl ? await NewFrameRecorder.connect(request.eventsUrl) : null;
const result = await runLoad(request);
const report: LoadReport = {
  messages: result.messages,
  bytes: result.bytes,
  elapsedMs: result.elapsedMs,
  rate: result.rate,
  latency: result.latency,
  acknowledgedWithId: result.acknowledged.size,
  clientCpuPerMessageUs: result.clientCpuPerMessageUs,
};
if (recorder) {
  await recorder.waitFor(result.acknowledged.keys(), 5000);
  report.live = recorder.measure(result.acknowledged);
  recorder.close();
}
process.stdout.write(JSON.stringify(report) + '\n');
