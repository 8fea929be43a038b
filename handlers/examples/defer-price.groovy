// Prices are for people to settle: a conflict where either side changed the price is stored for
// read-time resolution. Anything else: the later writer wins.
if ('price' in local.changed || 'price' in remote.changed) {
    return defer("price changed on ${local.leader} and ${remote.leader}: ${local.num('price')} vs ${remote.num('price')}")
}
takeLater()
