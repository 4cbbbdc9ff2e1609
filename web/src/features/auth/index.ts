export { OidcCallbackPage } from './OidcCallbackPage';
export { SignInPage } from './SignInPage';
