/** Shared settings every rule can read (config `settings:`). */
export interface Settings {
  /** Prometheus scrape interval assumed by rate/absent checks. */
  scrapeInterval: string;
  /** Label names that are unbounded (user ids, request ids, ...). Matched case-insensitively. */
  highCardinalityLabels: string[];
  /** Extra object names treated as loggers in code. */
  loggers: string[];
  /** Metric namespaces (prefixes) owned by others: never reported as unknown. */
  externalMetrics: string[];
  /** Labels added by Prometheus or relabelling: never reported as unknown. */
  externalLabels: string[];
  [key: string]: unknown;
}

export const DEFAULT_HIGH_CARDINALITY_LABELS = [
  'user_id', 'userid', 'user', 'customer_id', 'customerid', 'customer', 'account_id', 'accountid', 'account',
  'tenant_user', 'email', 'email_address', 'request_id', 'requestid', 'req_id', 'trace_id', 'traceid', 'span_id',
  'spanid', 'session_id', 'sessionid', 'session', 'uuid', 'guid', 'ip', 'ip_address', 'client_ip', 'remote_addr',
  'remote_ip', 'source_ip', 'url', 'uri', 'path', 'raw_path', 'request_uri', 'request_path', 'full_url', 'query',
  'query_string', 'sql', 'timestamp', 'time', 'order_id', 'transaction_id', 'device_id', 'token',
];

export const DEFAULT_SETTINGS: Settings = {
  scrapeInterval: '30s',
  highCardinalityLabels: DEFAULT_HIGH_CARDINALITY_LABELS,
  loggers: [],
  externalMetrics: [],
  externalLabels: ['job', 'instance'],
};
