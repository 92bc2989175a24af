import { noSensitiveData } from './index.js';
import { BUNYAN, NEST, PINO, WINSTON, runLogRuleTests } from '../fixtures/log-rule-tester.js';

const field = (name: string, term = name) => ({ messageId: 'field', data: { name, term } });
const value = (name: string, term = name) => ({ messageId: 'value', data: { name, term } });
const label = (term: string) => ({ messageId: 'label', data: { name: term, term } });

runLogRuleTests(
  noSensitiveData,
  {
    valid: [
      `${PINO} logger.info({ userId, orderId }, 'order placed')`,
      `${PINO} logger.info({ password: '[REDACTED]' }, 'login')`,
      `${PINO} logger.info({ token: '***' }, 'login')`,
      `${PINO} logger.info({ tokenCount: usage.tokens, promptTokens, maxTokens }, 'completion')`,
      `${PINO} logger.info({ passwordLength: pw.length, hasPassword: !!pw, sessionId }, 'login')`,
      `${PINO} logger.info({ token: mask(token), apiKey: redact(key) }, 'login')`,
      `${WINSTON} logger.info('token refreshed', { expiresIn, tokenType })`,
      `${WINSTON} logger.info('password reset requested', { userId })`,
      `${BUNYAN} log.info({ nextPageToken: page.next }, 'listing')`,
      `${NEST} logger.log('login succeeded for user ' + userId)`,
      "console.log('tokenizer ready', tokenizer)",
      // a bare `token` variable is ambiguous (lexer tokens, dependency-injection tokens)
      `${NEST} logger.error(\`"\${token}" has not been found in the modules registry\`)`,
      `${PINO} logger.info({ tokenKey, name }, 'token revoked')`,
      `${PINO} logger.info({ keyPath: cfg.keyPath, secretName }, 'loaded')`,
      { code: `${PINO} logger.info({ authorization }, 'x')`, options: [{ allow: ['authorization'], words: [], ignoreSuffixes: [] }] },
    ],
    invalid: [
      { code: `${PINO} logger.info({ user, password }, 'login')`, errors: [{ ...field('password'), column: 69 }] },
      { code: `${PINO} logger.info({ headers: { authorization: req.headers.authorization } }, 'request')`, errors: [field('authorization')] },
      { code: `${PINO} logger.debug({ apiKey: cfg.key }, 'calling provider')`, errors: [field('apiKey', 'api key')] },
      { code: `${PINO} logger.info('login with %s', creds.password)`, errors: [value('password')] },
      { code: `${WINSTON} logger.info('request', { cookie: req.headers.cookie })`, errors: [field('cookie')] },
      { code: `${WINSTON} logger.warn(\`token=\${t} rejected\`)`, errors: [label('token')] },
      { code: `${WINSTON} logger.log('info', 'charging card', { creditCardNumber })`, errors: [field('creditCardNumber', 'credit card')] },
      { code: `${BUNYAN} log.info({ ssn: person.ssn }, 'verified')`, errors: [field('ssn')] },
      { code: `${BUNYAN} log.info('session: ' + session)`, errors: [label('session')] },
      { code: `${NEST} logger.log(\`connecting with \${this.config.dbPassword}\`)`, errors: [value('dbPassword', 'password')] },
      { code: "console.log('auth header', req.headers['authorization'])", errors: [value('authorization')] },
      { code: "logger.info({ 'x-api-key': key }, 'proxy')", errors: [field('x-api-key', 'api key')] },
      { code: `${PINO} logger.info({ token }, 'issued')`, errors: [field('token')] },
      { code: "logger.info({ clientSecret: 'abc' }, 'configured')", errors: [field('clientSecret', 'secret')] },
      { code: "logger.info({ pin }, 'x')", options: [{ words: ['pin'], allow: [], ignoreSuffixes: [] }], errors: [field('pin')] },
    ],
  },
  {
    invalid: [{ code: 'logger.info({ accessToken: session!.accessToken as string }, "refreshed")', errors: [field('accessToken', 'token')] }],
  },
);
