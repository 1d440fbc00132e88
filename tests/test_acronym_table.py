"""ACR001's table (rules/fr-en/lexicons/acronyms.tsv), row by row (issue 14, point 5): every row
has a sentence of MT prose in which its French acronym becomes the English one, so a row added
without a test fails here; gated rows also have sentences where the same letters mean
something else and must stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.engine import default_ruleset
from cleanup.kinds.base import Document

TABLE = Path(__file__).resolve().parent.parent / "rules" / "fr-en" / "lexicons" / "acronyms.tsv"

#: French acronym -> a sentence in which it stands for the body the table names.
SWAPPED = {
    "ADN": "Forensic teams found his ADN on the weapon.",
    "AELE": "Norway is a member of the AELE, the European free trade group.",
    "AGNU": "The AGNU adopted the resolution by a large majority.",
    "AIE": "The AIE expects oil demand to peak before 2030.",
    "AIEA": "AIEA inspectors visited the nuclear plant on Tuesday.",
    "ALENA": "The ALENA free trade deal bound Mexico to its neighbours.",
    "ANASE": "Leaders of the ANASE met in Jakarta.",
    "ANP": "The ANP, the Palestinian National Authority, paid salaries.",
    "APRONUC": "The APRONUC organised the 1993 elections in Cambodia.",
    "AQMI": "AQMI claimed the kidnapping in the Sahel.",
    "AQPA": "AQPA, the Yemen branch of al-Qaeda, claimed the attack.",
    "ASL": "Fighters of the ASL withdrew from the suburbs of Aleppo in Syria.",
    "BAD": "The BAD, the African Development Bank, approved the loan.",
    "BAII": "China founded the BAII, the Asian Infrastructure Investment Bank.",
    "BAsD": "The BAsD, the Asian Development Bank, cut its forecast.",
    "BCE": "The BCE raised its key interest rate again.",
    "BEI": "The BEI, the European lender, financed the tramway.",
    "BERD": "The BERD is a development bank for eastern Europe.",
    "BID": "The BID, the Inter-American Development Bank, lent Peru $500m.",
    "BNS": "The BNS intervened to weaken the Swiss franc.",
    "CAE": "Kenya and Uganda belong to the CAE, the East African Community.",
    "CCG": "The CCG summit opened in the Gulf on Sunday.",
    "CDAA": "The CDAA sent observers to the vote in southern Africa.",
    "CEDEAO": "The CEDEAO imposed sanctions on the junta.",
    "CEDH": "The CEDH ruled that the ban breached human rights law.",
    "CEE": "Britain joined the CEE, the Common Market, in 1973.",
    "CEEAC": "The CEEAC held a summit in Libreville.",
    "CEI": "Moscow hosted a CEI summit of the Commonwealth of Independent States.",
    "CICR": "The CICR delivered aid to the humanitarian corridor.",
    "CIJ": "The CIJ in The Hague heard the case.",
    "CIRDI": "The company took its claim to the CIRDI.",
    "CJUE": "The CJUE struck down the data-sharing deal.",
    "CNT": "The CNT took control of Tripoli after Gaddafi fled.",
    "CNUCED": "The CNUCED published its report on world investment.",
    "CNUDCI": "The CNUDCI drafted a model law on arbitration.",
    "CPI": "The CPI prosecutor sought an arrest warrant.",
    "CSNU": "The CSNU, the Security Council, met in emergency session.",
    "EAU": "The EAU opened an embassy; Dubai welcomed the move.",
    "EEE": "Norway belongs to the EEE, the European Economic Area.",
    "EI": "The EI claimed the attack in Iraq.",
    "EIGS": "The EIGS attacked a village in the Sahel.",
    "EIIL": "The EIIL seized Mosul in Iraq.",
    "FDS": "The FDS, led by the Kurds, took Raqqa.",
    "FEDER": "The FEDER, the regional development fund, paid for the bridge.",
    "FIAS": "The FIAS handed security in Kabul to Afghan forces.",
    "FICR": "The FICR appealed for funds for the Red Crescent teams.",
    "FIDA": "The FIDA funds rural farmers.",
    "FINUL": "The FINUL patrols southern Lebanon.",
    "FMI": "The FMI approved a loan to Egypt.",
    "FNUAP": "The FNUAP works on maternal health.",
    "FNUOD": "The FNUOD monitors the Golan ceasefire.",
    "FORPRONU": "The FORPRONU was deployed in Bosnia.",
    "GIEC": "The GIEC published its climate report.",
    "GSIM": "The GSIM, linked to al-Qaeda, attacked a base in Mali.",
    "HCDH": "The HCDH documented human rights abuses.",
    "HCR": "The HCR said thousands of refugees had fled.",
    "HTC": "The Hayat Tahrir al-Sham (HTC) coalition advanced.",
    "IDE": "IDE, foreign direct investment, fell by a third.",
    "MANUA": "The MANUA counted civilian deaths in Afghanistan.",
    "MANUI": "The MANUI mission in Iraq was extended.",
    "MANUL": "The MANUL brokered talks between Libya's rivals.",
    "MINUAD": "The MINUAD withdrew from Darfur.",
    "MINUAR": "The MINUAR was in Rwanda in 1994.",
    "MINUEE": "The MINUEE watched the border for years.",
    "MINUK": "The MINUK ran Kosovo after 1999.",
    "MINUL": "The MINUL left Liberia in 2018.",
    "MINUSIL": "The MINUSIL disarmed fighters in Sierra Leone.",
    "MINUSS": "The MINUSS protects civilians in Juba.",
    "MINUT": "The MINUT left Timor-Leste in 2012.",
    "OACI": "The OACI sets rules for civil aviation.",
    "OCDE": "The OCDE raised its growth forecast.",
    "OCI": "The OCI, the Organisation of Islamic Cooperation, met in Jeddah.",
    "OCS": "The OCS summit in Shanghai ended on Friday.",
    "OEA": "The OEA, the Organization of American States, sent observers.",
    "OIAC": "The OIAC confirmed the use of sarin.",
    "OIM": "The OIM counted migrants crossing the sea.",
    "OIT": "The OIT warned of rising child labour.",
    "OLP": "The OLP leadership met in Ramallah with Palestinian factions.",
    "OMC": "The OMC ruled on the trade dispute over tariffs.",
    "OMI": "The OMI set new rules for shipping emissions.",
    "OMM": "The OMM said the weather would stay dry.",
    "OMPI": "The OMPI handles patent filings.",
    "OMS": "The OMS warned of a new epidemic.",
    "ONG": "An ONG ran the camp.",
    "ONU": "The ONU Security Council met.",
    "ONU Femmes": "ONU Femmes called for equal pay.",
    "ONUCI": "The ONUCI left Abidjan in 2017.",
    "ONUDC": "The ONUDC reported record cocaine seizures.",
    "ONUDI": "The ONUDI promotes industry in poor countries.",
    "ONUSIDA": "The ONUSIDA said new infections had fallen.",
    "ONUST": "The ONUST is the oldest peacekeeping mission.",
    "OPAEP": "The OPAEP ministers met in Kuwait.",
    "OPEP": "The OPEP agreed to cut output.",
    "OSDH": "The OSDH counted the dead in Syria.",
    "OTAN": "The OTAN summit opened in Vilnius.",
    "Cedeao": "Mali and Niger left the Cedeao in January.",
    "Finul": "The Finul peacekeepers stayed in southern Lebanon.",
    "Ocde": "The Ocde cut its growth forecast.",
    "Onu": "The Onu Security Council met.",
    "Onusida": "Onusida published its annual report.",
    "Opep": "The Opep cartel cut its output.",
    "Otan": "The Otan summit opened in Vilnius.",
    "OTICE": "The OTICE detected the test.",
    "OTSC": "The OTSC sent troops to Kazakhstan.",
    "OUA": "The OUA was founded by African states in 1963.",
    "PAM": "The PAM warned of famine in the region.",
    "PESC": "Ministers reviewed the PESC budget.",
    "PESD": "The PESD missions were reviewed.",
    "PIB": "The PIB growth figure beat forecasts.",
    "PNB": "The PNB grew by 3% last year.",
    "PNUCID": "The PNUCID, the UN drug control programme, merged into UNODC.",
    "PNUD": "The PNUD published its index.",
    "PNUE": "The PNUE warned about plastic waste.",
    "RCA": "Fighting resumed in Bangui, the capital of the RCA.",
    "RDA": "The RDA built the wall; the Stasi watched East Germany.",
    "RDC": "Fighting resumed in eastern RDC, in Congo's Kivu.",
    "RFA": "The RFA, West Germany, joined NATO in 1955.",
    "RPC": "The RPC marked its anniversary in Beijing.",
    "RPDC": "The RPDC fired another missile.",
    "SEAE": "The SEAE issued a statement.",
    "TIAN": "The TIAN bans nuclear weapons outright.",
    "TIC": "Spending on TIC, information and communication technologies, rose.",
    "TICE": "The TICE bans all nuclear test explosions.",
    "TNP": "The TNP review conference on nuclear arms opened.",
    "TPIR": "The TPIR in Arusha tried the genocide suspects.",
    "TPIY": "The TPIY convicted the general.",
    "TSL": "The TSL in Lebanon convicted a Hezbollah member.",
    "TVA": "The TVA rate rises to 21% in the budget.",
    "UA": "The UA summit in Addis Ababa opened.",
    "UE": "The UE summit in Brussels opened.",
    "UEE": "Armenia joined the UEE, the Eurasian union.",
    "UEMOA": "The UEMOA countries share a currency.",
    "UIP": "The UIP, the Inter-Parliamentary Union, met in Geneva.",
    "UIT": "The UIT allocates telecommunication frequencies.",
    "UMA": "The UMA has not met since 2008; the Maghreb is divided.",
    "UME": "The UME, Europe's monetary union, turned ten.",
    "URSS": "The URSS collapsed in 1991.",
    "VIH": "Cases of VIH infection rose.",
    "ZLEA": "The ZLEA talks stalled in Miami.",
    "ZLECAf": "The ZLECAf came into force in 2021.",
    "AESA": "The AESA certified the new Airbus aircraft.",
    "AMA": "The AMA banned the athlete after a doping test.",
    "ANS": "The ANS, backed by Turkey, fought the Kurds in northern Syria.",
    "ARN": "The virus carries its genes as ARN.",
    "ARNm": "The ARNm vaccines were given to millions.",
    "BNB": "In its report on Belgium, the BNB warned about wages.",
    "BRI": "The BRI, the bank for international settlements in Basel, warned of risks.",
    "CAN": "The striker was called up by his national team for the CAN in January.",
    "CCNUCC": "The CCNUCC secretariat organises the climate talks.",
    "CDH": "The CDH, the UN Human Rights Council, opened an inquiry.",
    "CECA": "The CECA pooled coal and steel production.",
    "CFF": "The CFF, the Swiss railways, cut its timetable.",
    "CIO": "The CIO awarded the Olympic Games to Brisbane.",
    "CJCE": "The CJCE ruled on the free movement of workers.",
    "CNUDM": "China signed the CNUDM, the law of the sea convention.",
    "CPS": "The African Union's peace and security council (CPS) suspended Niger.",
    "DFAE": "The Swiss DFAE summoned the ambassador.",
    "EIAO": "The EIAO attacked an army base in Borno state.",
    "FDLP": "The FDLP, a Palestinian faction, joined the talks.",
    "FPLP": "The FPLP, a Palestinian faction, claimed the attack.",
    "FPR": "The FPR of Paul Kagame took Kigali in 1994.",
    "GAFI": "The GAFI kept the country on its money laundering grey list.",
    "GES": "Greenhouse gas (GES) emissions fell last year.",
    "GRC": "Officers of the GRC arrested the suspect in Ottawa, Canada.",
    "IA": "Generative IA tools such as ChatGPT are spreading.",
    "IPC": "The IPC rose by 2% as inflation eased.",
    "OFSP": "The Swiss OFSP reported new cases of the virus.",
    "OMT": "The OMT expects a record year for tourism.",
    "PAC": "Farmers protested against the reform of the PAC and its agricultural subsidies.",
    "RGPD": "The RGPD protects personal data in Europe.",
    "SFI": "The SFI, the World Bank's private arm, invested in the port.",
    "TAS": "The TAS, the Court of Arbitration for Sport in Lausanne, upheld the ban.",
    "TPS": "The price in Montreal is $200 before TPS, the federal sales tax.",
    "TVQ": "Quebec collects the TVQ on most goods.",
    "UCK": "The UCK fought Serbian forces in Kosovo.",
    "UDC": "In Switzerland the UDC won the most seats.",
    "UEO": "The UEO was the defence arm of western Europe.",
    "ZEE": "Fishing boats entered the country's ZEE.",
}

#: Sentences where the letters of a gated row mean something else (or the row lacks its context).
KEPT = [
    "Shares in CAE, the Canadian simulation software maker, rose.",
    "The CEI, the electoral commission of Côte d'Ivoire, announced the results.",
    "In Mali, the CNT, the transitional parliament, passed the law.",
    "Members of the CNT trade union confederation marched in Madrid.",
    "Retailers must take back EEE, electrical and electronic equipment.",
    "He trained at OCS, officer candidate school, in Shanghai.",
    "The RDA, the recommended daily allowance of vitamin C, was raised.",
    "RFA, Radio Free Asia, reported on West Germany's exports.",
    "The server speaks JSON-RPC; the RPC layer was ported to China.",
    "The TSL certificate of the Lebanon site had expired.",
    "UIP, United International Pictures, released the film in parliamentary recess.",
    "That was a BAD idea, he said of the bid.",
    "Buyers made a BID for the company.",
    "The OMI oblates run a school.",
    "The Dutch news agency ANP reported on the Palestinian vote.",
    "Open the project in the IDE, a development environment, to see direct investment data.",
    "A super PAC paid for the farm adverts; the PAC spent on agriculture.",
    "Des Moines, IA, hosts a software fair.",
    "WE CAN WIN, the striker told the squad; he CAN'T play in Canada.",
    "The AESA radar of the aircraft was certified.",
    "The IPC phase 5 famine alert came as inflation rose.",
    "The TPS report for Toyota in Canada was late.",
    "The CIO and the CTO of the firm met Olympic sponsors.",
    "The AMA, the American Medical Association, spoke on doping.",
    "The BRI, the Belt and Road Initiative, funds ports; the bank for international settlements did not.",
    "The CPS, the Crown Prosecution Service, met the peace and security council.",
    "The GRC panel was made in Greece for a Canadian building.",
    "In Abidjan, that was a BAD idea, the minister said of the loan.",
    "The BNB token of Binance rose in Belgium.",
    "The UDC, the University of the District of Columbia, hosted Swiss students.",
    "Her TIC disorder was treated with new technology.",
]


def _table_sources() -> list[str]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def _found(text: str) -> list[tuple[str, str | None]]:
    rule = default_ruleset().get("ACR001")
    assert rule is not None
    result = []
    for finding in rule.check(Document(text)):
        fix = finding.fix
        result.append((finding.matched, "".join(edit.replacement for edit in fix.edits) if fix else None))
    return result


def test_every_row_has_a_test_sentence():
    sources = _table_sources()
    assert sorted(set(sources) - set(SWAPPED)) == [], "acronyms.tsv rows without a sentence in SWAPPED"
    assert sorted(set(SWAPPED) - set(sources)) == [], "sentences for acronyms that acronyms.tsv lacks"


@pytest.mark.parametrize("source", sorted(SWAPPED))
def test_row_swaps_in_mt_prose(source):
    rows = {
        line.split("\t")[0]: line.split("\t")
        for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    target = rows[source][1]
    expected = [[(source, target)]]
    if rows[source][4:] == ["-"]:
        # An acronym read as a word takes no article: where it heads its phrase the `the`
        # before it goes with the swap.
        expected += [[(f"{article} {source}", target)] for article in ("the", "The")]
    assert _found(SWAPPED[source]) in expected


def test_the_article_goes_only_where_the_word_acronym_heads_its_phrase():
    text = "Mali left the CEDEAO. The CEDEAO extends its mandate; the CEDEAO summit, the OTAN of 1949."
    assert _found(text) == [
        ("the CEDEAO", "ECOWAS"),
        ("The CEDEAO", "ECOWAS"),
        ("CEDEAO", "ECOWAS"),
        ("OTAN", "NATO"),
    ]
    assert _found("The ONU said, and the ONU.") == [("ONU", "UN"), ("ONU", "UN")]


@pytest.mark.parametrize("text", KEPT)
def test_other_meanings_of_the_letters_stay(text):
    assert _found(text) == []
