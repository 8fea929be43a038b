// Orders: both leaders changed an order's quantity at once. Keep both changes: each side's delta from the
// version they started from is added up; every other column comes from the later writer.
if (base == null || local.deleted || remote.deleted) {
    return takeLater()                      // an insert or a delete: nothing to add up
}
def qty = local.num('qty') + remote.num('qty') - base.num('qty')
merge(conflict.later.row.with(qty: qty))
