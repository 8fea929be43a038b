// Orders: once an order is shipped, that version stands, whatever the other leader did meanwhile.
// Otherwise the later writer wins.
if (remote.str('status') == 'shipped') {
    return takeRemote()
}
if (local.str('status') == 'shipped') {
    return keepLocal()
}
takeLater()
