export { TokenService } from './token.service.js';
export { UserService, MAX_FAILED_SIGN_INS, type NewUser, type Session } from './user.service.js';
export { requireScope } from './scope.js';
export { can, PERMISSIONS, type Permission } from './permissions.js';
