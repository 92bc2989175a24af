export { plugin, plugin as default, NAMESPACE, VERSION, eslintSeverity } from './plugin.js';
