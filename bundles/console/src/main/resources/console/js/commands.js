// Which commands the caller may run on an order, mirroring the kernel's table (bundles/workorder StateMachine): the
// states a command applies in, who may issue it, and its arguments (the kernel refuses arguments a command does not
// use). The server stays the judge: a 409 names the commands allowed now, and the page then offers only those.

const T = (from, who, required = [], optional = [], guard) => ({ from, who, required, optional, guard });
const OPEN_HANDLING = ['DISPATCHED', 'IN_PROGRESS'];

export const COMMANDS = {
  accept: T(['SUBMITTED'], 'DISPATCHER'),
  reject: T(['SUBMITTED', 'ACCEPTED', 'RETURNED'], 'DISPATCHER', ['reason']),
  dispatch: T(['ACCEPTED', 'RETURNED', 'DISPATCHED', 'IN_PROGRESS'], 'DISPATCHER', [], ['assignee', 'department', 'deadline', 'reason']),
  return: T(OPEN_HANDLING, 'HANDLER', ['reason']),
  start: T(['DISPATCHED'], 'HANDLER', [], ['comment']),
  'request-suspension': T(['IN_PROGRESS'], 'HANDLER', ['reason'], [], o => !o.suspensionRequested),
  'approve-suspension': T(['IN_PROGRESS'], 'SUPERVISOR', [], ['comment'], o => o.suspensionRequested),
  'deny-suspension': T(['IN_PROGRESS'], 'SUPERVISOR', ['reason'], [], o => o.suspensionRequested),
  resume: T(['SUSPENDED'], 'HANDLER_OR_SUPERVISOR', [], ['comment']),
  resolve: T(['IN_PROGRESS'], 'HANDLER', ['comment'], ['photo']),
  verify: T(['RESOLVED'], 'DISPATCHER', ['comment']),
  rate: T(['VERIFIED'], 'ORIGINATOR_OR_DISPATCHER', ['rating'], ['comment'], o => o.rating == null),
  close: T(['VERIFIED'], 'ORIGINATOR_OR_DISPATCHER', [], ['comment']),
  reopen: T(['RESOLVED', 'VERIFIED', 'CLOSED'], 'DISPATCHER', ['reason']),
  'request-joint': T(OPEN_HANDLING, 'HANDLER', ['departments', 'reason']),
  'approve-joint': T(OPEN_HANDLING, 'SUPERVISOR', [], ['comment']),
  'refuse-joint': T(OPEN_HANDLING, 'SUPERVISOR', ['reason']),
};

/** The significant prefix of a region code: the county's 6 digits, a town's 9, a village's 12, a grid's all. */
function prefix(code) {
  if (code.length !== 12) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

const covers = (scope, region) => !!region && (scope.unrestricted || (scope.regions || []).some(r => region.startsWith(prefix(r))));

/** The kernel's "order's handler": the assignee, anyone of its department, or, while unassigned, anyone whose region holds it. */
export function isHandler(me, o) {
  const scope = me.scope || {};
  return !!scope.unrestricted || o.assignee === me.name
    || (!!o.department && (scope.departments || []).includes(o.department))
    || (!o.assignee && covers(scope, o.regionCode));
}

/** The commands this caller may run on the order now; allowed (from a 409) narrows them further. */
export function availableCommands(me, order, can, allowed) {
  return Object.entries(COMMANDS).filter(([name, c]) => {
    if (!c.from.includes(order.state) || (c.guard && !c.guard(order))) return false;
    if (allowed && !allowed.includes(name)) return false;
    switch (c.who) {
      case 'DISPATCHER': return can('workorder.dispatch');
      case 'SUPERVISOR': return can('workorder.supervise');
      case 'HANDLER': return can('workorder.handle') && isHandler(me, order);
      case 'HANDLER_OR_SUPERVISOR': return can('workorder.supervise') || (can('workorder.handle') && isHandler(me, order));
      case 'ORIGINATOR_OR_DISPATCHER': return order.createdBy === me.name || can('workorder.dispatch');
      default: return false;
    }
  }).map(([name]) => name);
}
