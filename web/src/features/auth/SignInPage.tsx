import { LandingPage } from '../landing';

export function SignInPage() {
  return <LandingPage />;
}
