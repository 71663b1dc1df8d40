"""Reporting periods (issue #15): per project and half-year cut-off, a state that moves
open -> submitted -> approved (-> reopened -> submitted ...; an upload that changes an approved
period: submitted (revised)), with who, when and why kept in the access store and the audit
trail. Approving a period freezes its values; once every active project's period of a cut-off
is approved the cut-off is final and its official export is frozen byte for byte.

- states.py       the state machine: pure functions
- store.py        the tables in the access store (pipelines/access/store.py)
- freeze.py       what an approval keeps: the values, and the final cut-off's official export
- service.py      submit, approve, reopen, list: the store, the freeze and the audit trail
- cli.py          `impact periods`
"""
