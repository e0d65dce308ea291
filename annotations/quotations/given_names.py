"""The gender a common English given name shows a reader: "Hillary Clinton" is a she, "Bill
Clinton" a he, when the text itself shows neither (no Mr./Mrs., no gendered role, no pronoun).

The speaker rules read it only after the text's own evidence, so a he or she and a titled surname
("Mr. Clinton") go to the person whose given name fits. The lists hold names borne in English-
language news almost only by one sex; names given to both ("Chris", "Pat", "Jordan", "Kelly",
"Leslie", "Jean", "Robin", "Terry"; "Andrea", a man's in Italy; "Tracy", "Evelyn", "Dale",
"Vivian") are left out, and so the person's gender stays unknown.
"""

from __future__ import annotations

__all__ = ["given_name_gender", "is_given_name"]

_MALE = """
    aaron abraham adam adrian al alan albert alec alexander alfred allen andre andrew andy
    angus anthony antonio archibald arnold arthur barack barney barry ben benjamin bernard bernie
    bill billy bob bobby boris brad bradley brandon brendan brett brian bruce bryan carl carlos
    charles charlie chad chuck clarence claude clint clifford colin conrad craig curtis dan
    daniel danny darrell dave david dean dennis derek desmond dick dmitry don donald doug douglas
    duncan dwight earl eddie edgar eduardo edward edwin elijah eliot elliott emmanuel eric ernest
    eugene evan frank franklin fred frederick gabriel gary gavin gene geoffrey george gerald
    gilbert glenn gordon graham grant greg gregory gus guy hank harold harry harvey hector henry
    herbert howard hugh hugo ian isaac ivan jack jacob jake james jared jason javier jay jeb jeff
    jeffrey jeremy jerome jerry jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh
    joshua juan julian justin karl keith ken kenneth kevin kurt lamar lance larry lawrence leo
    leon leonard lincoln lloyd louis luis luke lyndon malcolm marco marcus mario mark martin
    marvin matt matthew maurice max michael miguel mike mitch mitchell mitt mohammed muhammad
    nathan neil newt nicholas nick nigel noah norman oliver orrin oscar owen patrick paul pedro
    pete peter phil philip pierre ralph randall randy ray raymond reggie reince richard rick
    ricky rob robert roberto rod rodney roger roland ron ronald ross roy rudolph rudy rupert
    russell ryan samuel scott sean sergei seth shawn sheldon simon stanley stephen steve steven
    stewart stuart ted terrence theodore thomas tim timothy todd tom tommy tony travis trent
    trey troy tyler victor vince vincent vladimir walter warren wayne wesley willard william
    willie xavier zachary
"""
_FEMALE = """
    abigail ada adele agnes alice alicia alison amanda amber amelia amy angela angelina
    anita ann anna anne annette antonia barbara beatrice becky betsy betty beverly bonnie
    brenda bridget brittany camilla candice carla carly carmen caroline carolyn catherine cathy
    charlotte cheryl chloe christina christine cindy claire clara claudia colleen connie
    constance cynthia daisy debbie deborah debra denise diana diane dianne donna doris dorothy
    edith eileen elaine eleanor elena elise elizabeth ella ellen eloise emily emma erica erin
    esther eva felicity fiona florence frances gabrielle gail gina gloria grace gwen
    hannah harriet hazel heather heidi helen helena hillary holly ida irene iris isabel
    isabella ivanka jacqueline jane janet janice jeanne jennifer jenny jessica jill joan joanna
    joanne jocelyn josephine joy joyce judith judy julia julie karen kate katherine kathleen
    kathryn kathy katie kay kayleigh kirsten kristen kristin laura lauren leah linda lisa
    lois loretta lorraine louise lucia lucy lydia lynne madeleine madeline maggie mandy marcia
    margaret maria marian marie marilyn marjorie martha mary maureen megan melania melanie
    melissa michele michelle mildred miranda molly monica nancy naomi natalie natasha nicole
    nikki nina nora olivia olympia pamela patricia paula pauline peggy penelope penny phyllis
    priscilla rachel rebecca regina rita roberta rosa rosalind rose ruth sally samantha sandra
    sara sarah sharon sheila shirley sonia sophia sophie stephanie susan susanna suzanne sylvia
    tamara tammy teresa theresa tiffany tina ursula valerie vanessa vera veronica victoria
    virginia wanda wendy yolanda yvonne zoe
"""
_GENDERS: dict[str, str] = {
    **dict.fromkeys(_MALE.split(), "he"),
    **dict.fromkeys(_FEMALE.split(), "she"),
}


def given_name_gender(full_name: str) -> str | None:
    """ "he" or "she" for a full name whose first word is a given name of the lists, else None
    (a lone word is a surname: "Hillary" alone shows nothing)."""
    words = full_name.split()
    if len(words) < 2:
        return None
    return _GENDERS.get(words[0].casefold().rstrip("."))


def is_given_name(word: str) -> bool:
    """Whether one word is a given name of the lists ("Maria", "Gregory"): a person's name, even
    where it shows no gender (alone, it may be a surname)."""
    return word.casefold().rstrip(".") in _GENDERS
