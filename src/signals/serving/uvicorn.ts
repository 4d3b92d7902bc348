import { FilterPattern, type IFilterPattern } from "../../patterns";
import type { FilterSamples } from "../types";

/**
 * The access line of uvicorn, the HTTP server of every Python (FastAPI) inference server: vLLM in
 * all releases, SGLang, KServe's huggingfaceserver, TensorRT-LLM's trtllm-serve:
 * `INFO:     <client> - "<METHOD> <path> HTTP/1.1" <status> <reason>` (uvicorn AccessFormatter). In the
 * field it comes behind a process prefix (`(APIServer pid=1) `, ANSI-coloured up to vLLM 0.11),
 * SGLang's `[<date>] `, KServe's `<date> uvicorn.access `, or inside vLLM 0.33's JSON `message`
 * (quotes escaped, no reason phrase), so field positions differ; the quoted request line and the
 * status right after its closing quote do not. POSTs only: model listings, health probes and
 * metrics scrapes are not API requests.
 */
const REQUEST_LINE = ['"POST /', " HTTP/1."];

/** A POST access line, with the given status when one is given. */
function postAnswered(status?: number): IFilterPattern {
  return FilterPattern.allTerms(...REQUEST_LINE, ...(status === undefined ? [] : [`" ${status}`]));
}

const line = (prefix: string, status: string) => `${prefix}INFO:     10.0.3.17:51286 - "POST /v1/chat/completions HTTP/1.1" ${status}`;

export const uvicornRequests: { pattern: IFilterPattern; samples: FilterSamples } = {
  pattern: postAnswered(),
  samples: {
    matching: [
      // vllm#13340 (0.7.2), vllm-ascend#7384 (two API servers), sglang#4407 (SGLang's dated prefix), kserve#4470 (KServe).
      { line: 'INFO:     127.0.0.1:59042 - "POST /v1/chat/completions HTTP/1.1" 200 OK', value: 1 },
      { line: '(ApiServer_1 pid=245) INFO:     141.111.134.231:41180 - "POST /v1/chat/completions HTTP/1.1" 200 OK', value: 1 },
      { line: '[2025-03-14 02:15:58] INFO:     10.25.28.11:47260 - "POST /generate HTTP/1.1" 200 OK', value: 1 },
      { line: '2025-05-14 17:45:10.901 uvicorn.access INFO:     127.0.0.1:42226 1647689 - "POST /openai/v1/chat/completions HTTP/1.1" 200 OK', value: 1 },
      { line: line("\u001b[1;36m(APIServer pid=1)\u001b[0;0m ", "400 Bad Request"), value: 1 },
    ],
    nonMatching: [
      '(APIServer pid=851) INFO:     10.109.20.86:59146 - "GET /metrics HTTP/1.1" 200 OK',
      'INFO:     127.0.0.1:40776 - "GET /v1/models HTTP/1.1" 200 OK',
      "INFO 03-18 08:51:39 [launcher.py:34] Route: /v1/chat/completions, Methods: POST",
    ],
  },
};

/** 500 only: uvicorn answers an unhandled exception with 500; the servers' only other 5xx is the overload 503. */
export const uvicornServerErrors: { pattern: IFilterPattern; samples: FilterSamples } = {
  pattern: postAnswered(500),
  samples: {
    matching: [
      // vllm#42362 (0.20.2), vllm#5901 (0.6).
      { line: '(APIServer pid=1) INFO:     10.1.6.81:16983 - "POST /v1/messages?beta=true HTTP/1.1" 500 Internal Server Error', value: 1 },
      { line: 'INFO:     127.0.0.1:57916 - "POST /v1/chat/completions HTTP/1.1" 500 Internal Server Error', value: 1 },
      { line: line("[2026-07-01 10:00:10] ", "500 Internal Server Error"), value: 1 },
    ],
    nonMatching: [line("(APIServer pid=1) ", "503 Service Unavailable"), 'INFO:     10.147.113.100:54034 - "POST /v1/chat/completions HTTP/1.1" 400 Bad Request', '(APIServer pid=1) INFO:     10.0.3.17:51290 - "GET /metrics HTTP/1.1" 500 Internal Server Error'],
  },
};

/** 503: vLLM 0.33's queue limit (QueueOverflowError), SGLang's --max-queued-requests. Neither answers 429. */
export const uvicornThrottled: { pattern: IFilterPattern; samples: FilterSamples } = {
  pattern: postAnswered(503),
  samples: {
    matching: [
      { line: line("(APIServer pid=1) ", "503 Service Unavailable"), value: 1 },
      { line: line("[2026-07-01 10:00:09] ", "503 Service Unavailable"), value: 1 },
    ],
    nonMatching: [line("", "500 Internal Server Error"), '(APIServer pid=1) INFO:     10.0.3.17:51290 - "GET /health HTTP/1.1" 503 Service Unavailable'],
  },
};
