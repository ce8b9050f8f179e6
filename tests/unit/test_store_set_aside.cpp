// store::SetAside: the triggers and indexes a bulk write sets aside come back, by
// restore(), by the destructor, or with the rollback when an exception unwinds.
#include "store/impl.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

namespace {

int count(SQLite::Database& db, const char* type) {
    SQLite::Statement st(db, "SELECT count(*) FROM sqlite_master WHERE type = ?");
    st.bind(1, type);
    st.executeStep();
    return st.getColumn(0).getInt();
}

struct Scratch {
    netlog::Journal journal = netlog::Journal::open_scratch();
    SQLite::Database& db = netlog::store::impl_of(journal).db;
    int triggers = count(db, "trigger");
    int indexes = count(db, "index");
};

} // namespace

TEST_CASE("the totals' triggers set aside leave the structural, search and retired_ids ones") {
    Scratch s;
    REQUIRE(s.triggers > 0);
    {
        auto totals = netlog::store::SetAside::totals_triggers(s.db);
        CHECK_FALSE(totals.empty());
        const int left = count(s.db, "trigger");
        CHECK(left < s.triggers);
        SQLite::Statement st(s.db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name NOT LIKE 'interaction_members_%' AND name NOT LIKE "
                                   "'search_%' AND name NOT LIKE 'retired_ids_%'");
        st.executeStep();
        CHECK(st.getColumn(0).getInt() == 0);
        totals.restore();
        CHECK(totals.empty());
        CHECK(count(s.db, "trigger") == s.triggers);
    }
    CHECK(count(s.db, "trigger") == s.triggers); // restored once, not twice
}

TEST_CASE("what is set aside and not restored comes back when its scope ends") {
    Scratch s;
    {
        netlog::store::SetAside indexes(s.db, "index", "tbl_name = 'interactions'");
        CHECK(count(s.db, "index") < s.indexes);
        auto moved = std::move(indexes); // a move hands them over: restored once
        CHECK(indexes.empty());
    }
    CHECK(count(s.db, "index") == s.indexes);
}

TEST_CASE("what is set aside comes back with the rollback when an exception unwinds") {
    Scratch s;
    try {
        SQLite::Transaction tx(s.db);
        auto totals = netlog::store::SetAside::totals_triggers(s.db);
        REQUIRE(count(s.db, "trigger") < s.triggers);
        throw std::runtime_error("a failed bulk write");
    } catch (const std::runtime_error&) {
    }
    CHECK(count(s.db, "trigger") == s.triggers);
}
