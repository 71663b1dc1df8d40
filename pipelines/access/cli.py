"""`impact users`: accounts from a shell on the server, which acts as admin (the OS user is
recorded in the audit trail). Passwords are read from standard input, never from arguments."""

from __future__ import annotations

import argparse
import getpass
import sys

from pipelines.access.roles import ROLES

CLI_ACTOR_PREFIX = "os:"  # a shell on the server acts as admin; the OS user is recorded


def add_parser(sub) -> None:
    users = sub.add_parser("users", help="accounts of the shared service (a shell on the server acts as admin)")
    verbs = users.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = verbs.add_parser("add", help="add a user")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--project", action="append", default=[], metavar="P", help="a project of a project manager (repeat)")
    add.add_argument("--password-stdin", action="store_true", required=True, help="read the password from standard input")
    verbs.add_parser("list", help="every user with role, projects and tokens")
    disable = verbs.add_parser("disable", help="disable a user and revoke its tokens")
    disable.add_argument("name")
    password = verbs.add_parser("password", help="set a user's password")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", required=True)
    token = verbs.add_parser("token", help="print a new API token for a user, once (stored hashed)")
    token.add_argument("name")
    revoke = verbs.add_parser("revoke-tokens", help="revoke every API token of a user")
    revoke.add_argument("name")


def _password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def run(settings, args: argparse.Namespace) -> int:
    from pipelines.access import accounts

    actor = CLI_ACTOR_PREFIX + getpass.getuser()
    home = settings.home
    try:
        if args.verb == "add":
            accounts.add_user(home, actor, args.name, args.role, _password(), args.project)
            print(f"added {args.name} ({args.role})")
        elif args.verb == "list":
            for a in accounts.list_accounts(home):
                state = "disabled" if a.disabled else "active"
                print(f"{a.name:<24} {a.role:<16} {state:<9} tokens {a.tokens}  projects {' '.join(a.projects) or '-'}")
        elif args.verb == "disable":
            accounts.disable_user(home, actor, args.name)
            print(f"disabled {args.name}")
        elif args.verb == "password":
            accounts.set_password(home, actor, args.name, _password())
            print(f"password set for {args.name}")
        elif args.verb == "token":
            print(accounts.create_token(home, actor, args.name))
        elif args.verb == "revoke-tokens":
            print(f"revoked {accounts.revoke_tokens(home, actor, args.name)} token(s) of {args.name}")
    except ValueError as exc:  # AccountError, or a password that is too short
        print(f"impact users {args.verb}: {exc}", file=sys.stderr)
        return 2
    return 0
