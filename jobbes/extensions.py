"""Flask extensions, created unbound here and attached to the app in create_app()."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def account_or_address() -> str:
    """Count what signed-in people do per account, so a new network does not reset the count."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()
