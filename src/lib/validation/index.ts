/**
 * One schema per command, used alike by form actions, the JSON API, the socket and the forms that
 * check a value before it is sent; each file holds one part of the shop's data.
 */
export { typedText, text } from './fields';
export * from './customers';
export * from './orders';
export * from './order-details';
export * from './search';
export * from './preferences';
export * from './settings';
export * from './stones';
export * from './vendors';
export * from './wip-limits';
export * from './locations';
