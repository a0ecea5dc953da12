export { TokenService } from './token.service.js';
export { can, PERMISSIONS, type Permission } from './permissions.js';
